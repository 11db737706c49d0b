namespace Backscatter.Web.Reflectors;

/// <summary>One page of the tenant's reflectors and how many there are in all.</summary>
public sealed record ReflectorPage(IReadOnlyList<ReflectorRow> Rows, int Total);
