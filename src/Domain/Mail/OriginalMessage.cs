namespace Backscatter.Domain.Mail;

/// <summary>What a bounce or auto-reply tells about the message it answers.</summary>
public sealed record OriginalMessage(
    string? From,
    string? EnvelopeSender,
    string? To,
    string? Subject,
    string? MessageId,
    DateTimeOffset? Date,
    IReadOnlyList<ReceivedHop> Received,
    IReadOnlyList<DkimSignature> DkimSignatures)
{
    public static readonly OriginalMessage None = new(null, null, null, null, null, null, [], []);

    public IReadOnlyList<string> DkimDomains => DkimSignatures.Select(s => s.Domain).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    public bool IsEmpty => From is null && To is null && Subject is null && MessageId is null && Received.Count == 0;
}
