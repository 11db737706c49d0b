namespace Backscatter.Domain.Tenancy;

/// <summary>The lists of <see cref="TenantMailSettings"/> that the Setup page edits entry by entry.</summary>
public enum MailSettingList
{
    OutboundRelays,
    TrustedInboundHosts,
    AuthorisedSendingIps,
    SenderPatterns,
    VerpPatterns,
    DkimSelectors,
}
