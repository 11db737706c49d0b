namespace Backscatter.Domain.Incidents;

public enum IncidentChangeKind
{
    Opened,
    Escalated,
    Resolved,
}
