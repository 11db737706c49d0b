using System.Globalization;

using Backscatter.Domain.Listing;

namespace Backscatter.Web.Lookup;

/// <summary>The words of the lookup page for codes, kinds, changes and times.</summary>
public static class LookupText
{
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string ReturnCode(int code) => code switch
    {
        (int)Domain.Listing.ReturnCode.Bounce => "127.0.0.2 — sends bounces to forged senders",
        (int)Domain.Listing.ReturnCode.AutoReply => "127.0.0.3 — sends auto-replies to forged senders",
        (int)Domain.Listing.ReturnCode.ChallengeResponse => "127.0.0.4 — sends challenge-response messages",
        (int)Domain.Listing.ReturnCode.VirusNotice => "127.0.0.5 — sends virus notices to forged senders",
        _ => string.Create(CultureInfo.InvariantCulture, $"127.0.0.{code}"),
    };

    public static string Kind(BackscatterKind kind) => kind switch
    {
        BackscatterKind.Bounce => "Bounces (non-delivery reports)",
        BackscatterKind.AutoReply => "Auto-replies",
        BackscatterKind.ChallengeResponse => "Challenge-response messages",
        BackscatterKind.VirusNotice => "Virus notices",
        _ => kind.ToString(),
    };

    public static string Change(ListingChange change) => change switch
    {
        ListingChange.Listed => "Listed",
        ListingChange.CodesChanged => "Return codes changed",
        ListingChange.Expired => "Expired",
        ListingChange.Delisted => "Delisted by the operator",
        ListingChange.Allowlisted => "Removed (allowlisted)",
        _ => change.ToString(),
    };
}
