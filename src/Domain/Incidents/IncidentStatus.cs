namespace Backscatter.Domain.Incidents;

public enum IncidentStatus
{
    Open,
    Resolved,
}
