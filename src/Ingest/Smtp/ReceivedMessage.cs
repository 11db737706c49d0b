using System.Net;

namespace Backscatter.Ingest.Smtp;

/// <summary>One message as the SMTP session received it: envelope and raw bytes, before it is stored.</summary>
public sealed record ReceivedMessage(
    IPAddress ClientIp,
    string Helo,
    string MailFrom,
    IReadOnlyList<AcceptedRecipient> Recipients,
    ReadOnlyMemory<byte> Raw,
    DateTimeOffset ReceivedAt);
