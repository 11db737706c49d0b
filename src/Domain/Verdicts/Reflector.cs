using System.Net;

namespace Backscatter.Domain.Verdicts;

/// <summary>
/// The mail server that accepted the forged message and bounced it later instead of rejecting it:
/// its address, the name it used, and the name it gave itself in the bounce (Reporting-MTA).
/// </summary>
public sealed record Reflector(IPAddress Ip, string? Host, string? ReportingMta);
