using Backscatter.Web.Tests.Isolation;

namespace Backscatter.Web.Tests.Team;

/// <summary>
/// The team and audit specifications share one portal; each test makes tenants of its own
/// (<see cref="Teams.AddTenantAsync"/>), so that no test sees another's members.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TeamCollection : ICollectionFixture<TwoTenants>
{
    public const string Name = "Team";
}
