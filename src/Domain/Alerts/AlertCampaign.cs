namespace Backscatter.Domain.Alerts;

/// <summary>One campaign of an incident as an alert shows it.</summary>
public sealed record AlertCampaign(string Subject, string SenderPattern, int Count);
