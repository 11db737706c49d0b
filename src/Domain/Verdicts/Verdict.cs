namespace Backscatter.Domain.Verdicts;

/// <summary>The judgement on one message, how sure it is (0..1), and the evidence behind it.</summary>
public sealed record Verdict(Judgement Judgement, double Confidence, IReadOnlyList<Evidence> Evidence);
