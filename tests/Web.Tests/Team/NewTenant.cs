namespace Backscatter.Web.Tests.Team;

/// <summary>A tenant made for one test, with its owner.</summary>
public sealed record NewTenant(Guid Id, string Name, Guid OwnerId, string OwnerEmail);
