namespace Backscatter.Domain.Incidents;

/// <summary>The detector's answer: the tenant's open incident afterwards (if any) and what changed.</summary>
public sealed record IncidentStep(Incident? Open, IReadOnlyList<IncidentChange> Changes)
{
    /// <summary>True when the observed report belongs to <see cref="Open"/> (it opened it or arrived while it was open).</summary>
    public bool CountedInOpen { get; init; }
}
