namespace Backscatter.Domain.Persistence;

/// <summary>
/// A key of the portal's own Data Protection key ring (its sign-in cookies, antiforgery and Identity's
/// tokens), apart from the tenants' ring in <see cref="BackscatterDbContext.DataProtectionKeys"/>, which
/// the Ingest reads too: only the portal's login may read these (docs/adr/0034). The same columns as
/// Data Protection's own <c>DataProtectionKey</c>.
/// </summary>
public sealed class PortalDataProtectionKey
{
    public int Id { get; init; }

    public string? FriendlyName { get; init; }

    /// <summary>The key as Data Protection writes it (XML, unencrypted: the table's grants protect it).</summary>
    public string? Xml { get; init; }
}
