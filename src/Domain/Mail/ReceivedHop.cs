using System.Net;

namespace Backscatter.Domain.Mail;

/// <summary>One Received header: who handed the message over (name and IP), who took it, and when.</summary>
public sealed record ReceivedHop(
    string? FromName,
    IPAddress? FromIp,
    string? ByName,
    DateTimeOffset? Time,
    string Raw);
