namespace Backscatter.Domain.Verdicts;

/// <summary>
/// One reason behind a verdict. <paramref name="Weight"/> runs from -1 (proves backscatter) to +1
/// (proves the tenant sent the original); <paramref name="Code"/> is stable for filters and APIs;
/// <paramref name="Text"/> is a sentence for a mail administrator.
/// </summary>
public sealed record Evidence(string Code, double Weight, string Text);
