namespace Backscatter.Web.Reports;

/// <summary>One piece of evidence for the verdict: a code, its weight and a sentence a person can read.</summary>
public sealed record EvidenceItem(string Code, double Weight, string Text);
