using System.Collections.Frozen;

namespace Backscatter.Domain.Classification;

/// <summary>
/// What an enhanced status code (RFC 3463, IANA registry) means in the reason taxonomy, and the
/// taxonomy's own x.0.9nn codes for bounces that give no status at all (Sisimai's convention, which
/// the corpus labels use).
/// </summary>
public static class StatusCodeReasons
{
    private static readonly FrozenDictionary<string, BounceReason> ByStatus = new Dictionary<string, BounceReason>
    {
        ["2.1.5"] = BounceReason.Delivered,
        ["4.1.6"] = BounceReason.HasMoved,
        ["4.1.7"] = BounceReason.Rejected,
        ["4.1.8"] = BounceReason.Rejected,
        ["4.1.9"] = BounceReason.SystemError,
        ["4.2.1"] = BounceReason.Blocked,
        ["4.2.2"] = BounceReason.MailboxFull,
        ["4.2.3"] = BounceReason.ExceedLimit,
        ["4.2.4"] = BounceReason.Filtered,
        ["4.3.1"] = BounceReason.SystemFull,
        ["4.3.2"] = BounceReason.NotAccept,
        ["4.3.3"] = BounceReason.SystemError,
        ["4.3.5"] = BounceReason.SystemError,
        ["4.4.1"] = BounceReason.Expired,
        ["4.4.2"] = BounceReason.NetworkError,
        ["4.4.3"] = BounceReason.SystemError,
        ["4.4.4"] = BounceReason.NetworkError,
        ["4.4.5"] = BounceReason.SystemFull,
        ["4.4.6"] = BounceReason.NetworkError,
        ["4.4.7"] = BounceReason.Expired,
        ["4.5.3"] = BounceReason.SystemError,
        ["4.5.5"] = BounceReason.SystemError,
        ["4.6.0"] = BounceReason.ContentError,
        ["4.6.2"] = BounceReason.ContentError,
        ["4.6.5"] = BounceReason.ContentError,
        ["4.7.1"] = BounceReason.Blocked,
        ["4.7.2"] = BounceReason.Blocked,
        ["4.7.5"] = BounceReason.SecurityError,
        ["4.7.6"] = BounceReason.SecurityError,
        ["4.7.7"] = BounceReason.SecurityError,
        ["4.7.24"] = BounceReason.AuthFailure,
        ["4.7.25"] = BounceReason.RequirePtr,
        ["4.7.26"] = BounceReason.AuthFailure,
        ["5.1.0"] = BounceReason.UserUnknown,
        ["5.1.1"] = BounceReason.UserUnknown,
        ["5.1.2"] = BounceReason.HostUnknown,
        ["5.1.3"] = BounceReason.UserUnknown,
        ["5.1.4"] = BounceReason.Filtered,
        ["5.1.6"] = BounceReason.HasMoved,
        ["5.1.7"] = BounceReason.Rejected,
        ["5.1.8"] = BounceReason.Rejected,
        ["5.1.9"] = BounceReason.SystemError,
        ["5.1.10"] = BounceReason.NotAccept,
        ["5.2.0"] = BounceReason.Filtered,
        ["5.2.1"] = BounceReason.Filtered,
        ["5.2.2"] = BounceReason.MailboxFull,
        ["5.2.3"] = BounceReason.ExceedLimit,
        ["5.2.4"] = BounceReason.Filtered,
        ["5.3.0"] = BounceReason.SystemError,
        ["5.3.1"] = BounceReason.SystemFull,
        ["5.3.2"] = BounceReason.NotAccept,
        ["5.3.3"] = BounceReason.SystemError,
        ["5.3.4"] = BounceReason.MesgTooBig,
        ["5.3.5"] = BounceReason.SystemError,
        ["5.4.0"] = BounceReason.NetworkError,
        ["5.4.3"] = BounceReason.SystemError,
        ["5.4.4"] = BounceReason.HostUnknown,
        ["5.5.2"] = BounceReason.SyntaxError,
        ["5.5.3"] = BounceReason.TooManyConn,
        ["5.5.4"] = BounceReason.SystemError,
        ["5.5.5"] = BounceReason.SystemError,
        ["5.5.6"] = BounceReason.SyntaxError,
        ["5.6.0"] = BounceReason.ContentError,
        ["5.6.1"] = BounceReason.ContentError,
        ["5.6.2"] = BounceReason.ContentError,
        ["5.6.3"] = BounceReason.ContentError,
        ["5.6.5"] = BounceReason.ContentError,
        ["5.6.6"] = BounceReason.ContentError,
        ["5.6.7"] = BounceReason.ContentError,
        ["5.6.8"] = BounceReason.ContentError,
        ["5.6.9"] = BounceReason.ContentError,
        ["5.7.0"] = BounceReason.SecurityError,
        ["5.7.1"] = BounceReason.SecurityError,
        ["5.7.2"] = BounceReason.SecurityError,
        ["5.7.3"] = BounceReason.SecurityError,
        ["5.7.4"] = BounceReason.SecurityError,
        ["5.7.5"] = BounceReason.SecurityError,
        ["5.7.6"] = BounceReason.SecurityError,
        ["5.7.7"] = BounceReason.SecurityError,
        ["5.7.8"] = BounceReason.SecurityError,
        ["5.7.9"] = BounceReason.SecurityError,
        ["5.7.10"] = BounceReason.SecurityError,
        ["5.7.11"] = BounceReason.SecurityError,
        ["5.7.13"] = BounceReason.Suspend,
        ["5.7.14"] = BounceReason.SecurityError,
        ["5.7.15"] = BounceReason.SecurityError,
        ["5.7.16"] = BounceReason.MesgTooBig,
        ["5.7.17"] = BounceReason.HasMoved,
        ["5.7.18"] = BounceReason.HasMoved,
        ["5.7.19"] = BounceReason.SecurityError,
        ["5.7.20"] = BounceReason.AuthFailure,
        ["5.7.21"] = BounceReason.AuthFailure,
        ["5.7.22"] = BounceReason.AuthFailure,
        ["5.7.23"] = BounceReason.AuthFailure,
        ["5.7.24"] = BounceReason.AuthFailure,
        ["5.7.25"] = BounceReason.RequirePtr,
        ["5.7.26"] = BounceReason.AuthFailure,
        ["5.7.27"] = BounceReason.NotAccept,
        ["5.7.28"] = BounceReason.SpamDetected,
        ["5.7.29"] = BounceReason.AuthFailure,
        ["5.7.30"] = BounceReason.FailedStartTls,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The taxonomy's x.0.9nn codes, written where a bounce gives no status of its own.
    private static readonly FrozenDictionary<BounceReason, int> InternalCodes = new Dictionary<BounceReason, int>
    {
        [BounceReason.Undefined] = 900,
        [BounceReason.OnHold] = 901,
        [BounceReason.SyntaxError] = 902,
        [BounceReason.Suppressed] = 903,
        [BounceReason.NoRelaying] = 909,
        [BounceReason.Filtered] = 910,
        [BounceReason.UserUnknown] = 911,
        [BounceReason.HostUnknown] = 912,
        [BounceReason.HasMoved] = 916,
        [BounceReason.Rejected] = 918,
        [BounceReason.Suspend] = 921,
        [BounceReason.MailboxFull] = 922,
        [BounceReason.ExceedLimit] = 923,
        [BounceReason.AuthFailure] = 926,
        [BounceReason.SystemError] = 930,
        [BounceReason.SystemFull] = 931,
        [BounceReason.NotAccept] = 932,
        [BounceReason.MesgTooBig] = 934,
        [BounceReason.MailerError] = 939,
        [BounceReason.NetworkError] = 944,
        [BounceReason.TooManyConn] = 945,
        [BounceReason.Speeding] = 946,
        [BounceReason.Expired] = 947,
        [BounceReason.ContentError] = 960,
        [BounceReason.SecurityError] = 970,
        [BounceReason.Blocked] = 971,
        [BounceReason.PolicyViolation] = 972,
        [BounceReason.RequirePtr] = 973,
        [BounceReason.NotCompliantRfc] = 974,
        [BounceReason.BadReputation] = 975,
        [BounceReason.FailedStartTls] = 976,
        [BounceReason.SpamDetected] = 980,
        [BounceReason.VirusDetected] = 981,
    }.ToFrozenDictionary();

    /// <summary>The reason a specific status code stands for, or null when the code says too little.</summary>
    public static BounceReason? ReasonOf(string? status) =>
        status is not null && ByStatus.TryGetValue(status, out var reason) ? reason : null;

    /// <summary>The x.0.9nn code of a reason, for a bounce that gave no status; null where the taxonomy has none.</summary>
    public static string? InternalCodeOf(BounceReason reason, bool temporary)
    {
        if (!InternalCodes.TryGetValue(reason, out var code))
        {
            return null;
        }

        // Some reasons are never temporary: an unknown user or domain stays unknown.
        if (temporary && reason is BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved)
        {
            temporary = false;
        }

        return (temporary ? "4.0." : "5.0.") + code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool IsInternal(string? status) => status is { Length: 7 } && status.AsSpan(1).StartsWith(".0.9");
}
