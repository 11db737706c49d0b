namespace Backscatter.Web.Tests.Isolation;

/// <summary>One seeded tenant of <see cref="TwoTenants"/>.</summary>
public sealed record TenantData(string Name, string Email, string Subject)
{
    public Guid TenantId { get; } = Guid.CreateVersion7();

    public Guid ReportId { get; } = Guid.CreateVersion7();
}
