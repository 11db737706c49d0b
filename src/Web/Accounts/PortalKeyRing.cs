using System.Xml.Linq;

using Backscatter.Domain.Persistence;

using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Accounts;

/// <summary>
/// The portal's own Data Protection key ring, in <see cref="BackscatterDbContext.PortalDataProtectionKeys"/>
/// so that every portal instance reads every other's cookies, and apart from the tenants' ring, which the
/// Ingest reads (docs/adr/0034). Data Protection's own EF Core repository serves one ring per context.
/// </summary>
public sealed class PortalKeyRing(IDbContextFactory<BackscatterDbContext> databases) : IXmlRepository
{
    /// <summary>The portal's default protectors' name, other than the tenants' ring's (<see cref="ServiceDefaults.TenantKeyRing.ApplicationName"/>).</summary>
    public const string ApplicationName = "Backscatter.Cloud.Portal";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = databases.CreateDbContext();
        return [.. db.PortalDataProtectionKeys.AsNoTracking()
            .Select(k => k.Xml)
            .AsEnumerable()
            .Where(xml => !string.IsNullOrEmpty(xml))
            .Select(xml => XElement.Parse(xml!))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = databases.CreateDbContext();
        db.PortalDataProtectionKeys.Add(new PortalDataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
