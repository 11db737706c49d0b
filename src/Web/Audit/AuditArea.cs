namespace Backscatter.Web.Audit;

/// <summary>The parts of the portal whose changes the audit log records: the first segment of an action code.</summary>
public static class AuditArea
{
    public static readonly IReadOnlyList<string> All = ["team", "setup", "alerts", "incidents"];

    /// <summary>The area of a query-string value, or null (every area) for anything else.</summary>
    public static string? Parse(string? value) => All.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
}
