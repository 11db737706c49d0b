namespace Backscatter.Domain.Mail;

/// <summary>
/// Recognises notices from virus scanners telling the (forged) sender that their message carried
/// malware. They are not delivery failures: they say "you sent a virus".
/// </summary>
public static class VirusNoticeDetector
{
    private static readonly string[] SubjectPhrases =
    [
        "virus found", "virus detected", "in mail from you", "virus (", "virus alert", "virus warning", "virus notification", "infected message",
        "malware detected", "malware alert", "virus in your mail", "virus in mail from you", "banned contents alert",
        "infected attachment", "virus gefunden", "virenwarnung", "virus détecté", "virus detectado", "ウイルス",
    ];

    private static readonly string[] BodyPhrases =
    [
        "a virus was found", "virus was detected", "contained a virus", "contains a virus", "infected with",
        "the attachment was removed", "was infected", "virus scanner", "antivirus", "anti-virus",
        "the following virus", "virus name:", "malware was detected", "quarantined",
    ];

    public static bool IsVirusNotice(string? subject, string lowerBody)
    {
        ArgumentNullException.ThrowIfNull(lowerBody);
        var lowerSubject = subject?.ToLowerInvariant() ?? string.Empty;
        if (!SubjectPhrases.Any(p => lowerSubject.Contains(p, StringComparison.Ordinal)))
        {
            return false;
        }

        var head = lowerBody.Length > 8000 ? lowerBody[..8000] : lowerBody;
        return BodyPhrases.Any(p => head.Contains(p, StringComparison.Ordinal));
    }
}
