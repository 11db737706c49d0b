using System.Net;

namespace Backscatter.Web.Reports;

/// <summary>One Received header: who handed the message to whom, and when.</summary>
public sealed record Hop(string? From, IPAddress? Ip, string? By, DateTimeOffset? Time);
