using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Setup;

/// <summary>A tenant's setup as the page shows it, and whether the member may change it.</summary>
public sealed record SetupSnapshot(
    bool CanChange,
    IReadOnlyList<DomainEntry> Domains,
    IReadOnlyDictionary<MailSettingList, IReadOnlyList<string>> Lists,
    bool AuthoriseFromSpf,
    IReadOnlyList<BatvKeyEntry> BatvKeys);
