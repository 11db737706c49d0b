using System.Net;

namespace Backscatter.Web.Reports;

/// <summary>A server that reflected backscatter to this tenant in the period, and how often.</summary>
public sealed record TopReflector(IPAddress Ip, string? Host, int Count, DateTimeOffset LastSeen);
