using System.Net;
using System.Text.RegularExpressions;

using Backscatter.Domain.Classification;
using Backscatter.Domain.Reports;
using Backscatter.Domain.Verdicts;

using Microsoft.EntityFrameworkCore;

namespace Backscatter.Web.Reports;

/// <summary>What the reports list is narrowed to. Every field optional.</summary>
public sealed partial record ReportFilter
{
    public const int MaxSearchLength = 200;

    public MessageKind? Kind { get; init; }

    public Judgement? Verdict { get; init; }

    /// <summary>A reason name from the taxonomy, e.g. <c>userunknown</c>.</summary>
    public string? Reason { get; init; }

    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>A reflector IP address, or part of its host name.</summary>
    public string? Reflector { get; init; }

    /// <summary>
    /// Part of a recipient, the original subject or Message-ID; a complete address or Message-ID
    /// finds exactly the reports of that recipient or that message.
    /// </summary>
    public string? Search { get; init; }

    public IQueryable<Report> Apply(IQueryable<Report> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (Kind is { } kind)
        {
            reports = reports.Where(r => r.Kind == kind);
        }

        if (Verdict is { } verdict)
        {
            reports = reports.Where(r => r.Judgement == verdict);
        }

        if (!string.IsNullOrWhiteSpace(Reason))
        {
            var reason = Reason.Trim().ToLowerInvariant();
            reports = reports.Where(r => r.Reason == reason);
        }

        if (From is { } from)
        {
            reports = reports.Where(r => r.ReceivedAt >= from);
        }

        if (To is { } to)
        {
            reports = reports.Where(r => r.ReceivedAt < to);
        }

        if (Trimmed(Reflector) is { } reflector)
        {
            if (IPAddress.TryParse(reflector, out var ip))
            {
                reports = reports.Where(r => r.ReflectorIp == ip);
            }
            else
            {
                var pattern = $"%{Like(reflector)}%";
                reports = reports.Where(r => r.ReflectorHost != null && EF.Functions.ILike(r.ReflectorHost, pattern, "\\"));
            }
        }

        if (Trimmed(Search) is { } search)
        {
            // A complete address or Message-ID is looked up, not scanned for: every report of a
            // tenant shares the domain part, so a trigram search for one would read them all.
            if (CompleteAddress().Match(search) is { Success: true } complete)
            {
                var id = complete.Groups[1].Value;
                var address = id.ToLowerInvariant();
                return reports.Where(r => r.BouncedTo == address || r.OriginalMessageId == id);
            }

            var pattern = $"%{Like(search)}%";
            reports = reports.Where(r =>
                (r.BouncedTo != null && EF.Functions.ILike(r.BouncedTo, pattern, "\\"))
                || (r.OriginalSubject != null && EF.Functions.ILike(r.OriginalSubject, pattern, "\\"))
                || (r.OriginalMessageId != null && EF.Functions.ILike(r.OriginalMessageId, pattern, "\\")));
        }

        return reports;
    }

    /// <summary>local@domain, optionally in angle brackets, as recipients and Message-IDs are written.</summary>
    [GeneratedRegex(@"^<?([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>?$")]
    private static partial Regex CompleteAddress();

    private static string? Trimmed(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, MaxSearchLength)];

    // The user's text is matched literally: escape LIKE's wildcards.
    private static string Like(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal);
}
