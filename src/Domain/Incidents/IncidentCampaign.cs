namespace Backscatter.Domain.Incidents;

/// <summary>Reports of one incident that share a campaign: the same normalised original subject and forged-sender pattern.</summary>
public sealed class IncidentCampaign
{
    public long Id { get; init; }

    public Guid IncidentId { get; init; }

    public required string Subject { get; init; }

    public required string SenderPattern { get; init; }

    public int Count { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
