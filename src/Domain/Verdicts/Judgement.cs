namespace Backscatter.Domain.Verdicts;

/// <summary>Whether a bounce answers mail the tenant really sent.</summary>
public enum Judgement
{
    /// <summary>No evidence either way, or evidence that contradicts itself: an honest answer.</summary>
    Undetermined,

    /// <summary>The tenant did not send the original: its address was forged.</summary>
    Backscatter,

    /// <summary>The tenant sent the original: a real bounce worth reading.</summary>
    Legitimate,
}
