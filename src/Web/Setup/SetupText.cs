using Backscatter.Domain.Tenancy;

namespace Backscatter.Web.Setup;

/// <summary>How the Setup page and the audit log name each list.</summary>
public static class SetupText
{
    /// <summary>The noun in an audit summary ("Added outbound relay 192.0.2.0/24.").</summary>
    public static string EntryNoun(MailSettingList list) => list switch
    {
        MailSettingList.OutboundRelays => "outbound relay",
        MailSettingList.TrustedInboundHosts => "trusted inbound host",
        MailSettingList.AuthorisedSendingIps => "authorised sending address",
        MailSettingList.SenderPatterns => "sender pattern",
        MailSettingList.VerpPatterns => "VERP pattern",
        MailSettingList.DkimSelectors => "DKIM selector",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    /// <summary>The stable part of the audit action code (<c>setup.relay.added</c>).</summary>
    public static string ActionNoun(MailSettingList list) => list switch
    {
        MailSettingList.OutboundRelays => "relay",
        MailSettingList.TrustedInboundHosts => "trusted-host",
        MailSettingList.AuthorisedSendingIps => "sending-ip",
        MailSettingList.SenderPatterns => "sender-pattern",
        MailSettingList.VerpPatterns => "verp-pattern",
        MailSettingList.DkimSelectors => "dkim-selector",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };
}
