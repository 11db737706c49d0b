namespace Backscatter.Domain.Mail;

/// <summary>
/// Recognises challenge-response systems ("please confirm you sent this"): each leaves its own
/// header or its own sentence. They answer forged senders like a bounce does.
/// </summary>
public static class ChallengeResponseDetector
{
    private static readonly string[] HeaderNames =
    [
        "X-TMDA-Fingerprint", "X-Delivery-Agent-TMDA", "X-Boxbe-Challenge", "X-Boxbe-Guestlist", "X-SpamArrest-Challenge",
        "X-Spam-Arrest", "X-BoxTrapper", "X-Mailinblack", "X-MIB-Challenge", "X-Bluebottle-Request",
        "X-Challenge", "X-Challenge-Response", "X-Whitelist-Request", "X-Mailer-Challenge",
    ];

    private static readonly string[] BodyPhrases =
    [
        "tmda", "boxbe", "spamarrest.com", "spam arrest", "boxtrapper", "mailinblack", "bluebottle", "choicemail",
        "sendio", "mailwall", "spamcease",
        "please confirm that you sent", "confirm your message", "to confirm that you are a real person",
        "verify that you are a human", "prove that you are a human", "your email is waiting for approval",
        "added to my approved senders", "please click the link below to confirm", "sender verification request",
        "i am protecting myself from receiving junk mail", "this is an automated message to verify",
        "please verify your email", "awaiting your confirmation", "requires your verification",
        "vous devez confirmer", "confirmez votre", "bitte bestätigen sie",
    ];

    private static readonly PhraseList AnyBodyPhrase = new(BodyPhrases);

    private static readonly string[] SubjectPhrases =
    [
        "please confirm", "confirmation required", "verification required", "sender verification", "approval required",
        "awaiting approval", "is waiting for your confirmation", "tmda", "boxbe", "spam arrest", "[mailinblack]",
        "verify your email", "authentication request", "demande d'authentification", "request for approval",
    ];

    public static bool IsChallenge(HeaderBlock headers, string? subject, string lowerBody)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(lowerBody);
        if (HeaderNames.Any(headers.Has))
        {
            return true;
        }

        var lowerSubject = subject?.ToLowerInvariant() ?? string.Empty;
        var subjectHit = SubjectPhrases.Any(p => lowerSubject.Contains(p, StringComparison.Ordinal));
        var head = lowerBody.AsSpan(0, Math.Min(lowerBody.Length, 8000));
        var bodyHits = 0;
        // Almost no text holds any of the phrases: one pass over it says so before they are counted one by one.
        if (AnyBodyPhrase.IsIn(head))
        {
            foreach (var phrase in BodyPhrases)
            {
                bodyHits += head.Contains(phrase, StringComparison.Ordinal) ? 1 : 0;
            }
        }

        // A product name alone can be a signature line; a subject plus a sentence, or two sentences, is a challenge.
        return (subjectHit && bodyHits > 0) || bodyHits > 1;
    }
}
