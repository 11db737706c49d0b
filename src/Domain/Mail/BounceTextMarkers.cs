using System.Text.RegularExpressions;

namespace Backscatter.Domain.Mail;

/// <summary>
/// Fixed sentences of bounce texts: the lines that start the returned copy of the original, and the
/// sentences that only a bounce writes. Kept as data so a new vendor format is one line.
/// </summary>
public static partial class BounceTextMarkers
{
    /// <summary>Lines after which a vendor quotes the original message (lower-case, matched within the line).</summary>
    public static readonly string[] OriginalFollows =
    [
        "below this line is a copy of the message",
        "this is a copy of the message",
        "a copy of the original message below this line",
        "original message follows",
        "original mail as follows",
        "original message:",
        "original message headers",
        "----- original message -----",
        "------ original message ------",
        "--- original message",
        "----- unsent message follows -----",
        "----- message header follows -----",
        "-- returned message --",
        "------- returned message --------",
        "----- the header of the original message is following",
        "the header of the original message",
        "------ this is a copy of your message",
        "the original message was:",
        "the following is a copy of the message",
        "content-type: message/rfc822",
        "content-type: text/rfc822-headers",
        "original message header:",
        "--- message headers ---",
        "below is a copy of the original message",
        "headers of your message follow",
        "your message reads (in part)",
        "the text you sent follows",
        "------ original mail ------",
        "unsent message below",
        "message header follows",
        "message headers follow",
        "copy of the message header",
        "enclosed is a copy of the message",
        "--- below this line is a copy",
        "  ----- original message",
        "-----original message-----",
    ];

    /// <summary>Sentences that only a delivery failure notice writes (lower-case).</summary>
    public static readonly string[] BounceSentences =
    [
        "this is the qmail-send program", "this is the mail system at host", "this message was created automatically by mail delivery software",
        "----- transcript of session follows -----", "the following addresses had permanent fatal errors",
        "delivery to the following recipient", "could not be delivered to", "undeliverable", "delivery has failed",
        "delivery failed", "failed to deliver", "unable to deliver", "returned mail", "mail delivery failed",
        "delivery status notification", "was not delivered", "permanent error", "permanent failure",
        "i'm afraid i wasn't able to deliver", "message could not be delivered", "your message couldn't be delivered",
        "message not delivered", "delivery notification", "non-delivery", "nondelivery", "not be delivered",
        "couldn't be delivered", "recipient address rejected", "user unknown", "mailbox unavailable",
        "your message did not reach", "delivery problem", "failure notice", "rejected your message",
        "message was rejected", "was rejected", "could not deliver", "unzustellbar", "non remis",
        "no se pudo entregar", "imposible entregar", "non recapitabile", "配信できません", "届きませんでした",
        "retry timeout exceeded", "delivery time expired", "host unknown", "the mail system",
        "mailer-daemon", "returned to sender", "undelivered mail", "mail delivery subsystem",
        "no such user", "error transmitting", "delivery attempts", "message delivery has failed",
        "delayed mail", "error delivering", "transcript of session follows", "there was an error", "could not be sent", "did not like our", "warning: message", "has not yet been delivered", "transient failure",
    ];

    // All markers at once: one vectorised pass over a line or a text instead of one per marker.
    private static readonly PhraseList OriginalFollowsAnyCase = new(OriginalFollows, StringComparison.OrdinalIgnoreCase);
    private static readonly PhraseList BounceSentenceList = new(BounceSentences);

    public static bool StartsOriginal(ReadOnlySpan<char> line) => OriginalFollowsAnyCase.IsIn(line);

    /// <summary>True when no line of the text can start the original: no marker occurs anywhere in it.</summary>
    public static bool HasNoOriginalMarker(ReadOnlySpan<char> text) => !OriginalFollowsAnyCase.IsIn(text);

    public static bool HasBounceSentence(string lowerText)
    {
        ArgumentNullException.ThrowIfNull(lowerText);
        return BounceSentenceList.IsIn(lowerText);
    }

    /// <summary>Bounce subjects as the common MTAs write them.</summary>
    [GeneratedRegex(@"undeliver|undelivered|delivery (status|failure|failed|notification|problem|report)|returned mail|mail delivery|failure notice|non.?delivery|nondeliverable|could not be delivered|couldn't be delivered|not delivered|rejected|bounce|delivery has failed|mail system error|unzustellbar|non remis|no entregado|no se puede entregar|não entregue|消息未送达|配信|warning: (message|could not)|delayed mail|returned to sender|error sending|unable to deliver|message (delivery|delayed)|permanent error|delivery failure|returning to sender|mail failed|エラー|error notification", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex BounceSubject();
}
