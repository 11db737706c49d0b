namespace Backscatter.Web.Alerts;

/// <summary>The answer to a change of an alert channel.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Problem">Why it was refused, for the member to read.</param>
/// <param name="ChannelId">The channel changed or added.</param>
/// <param name="SigningKey">A new webhook signing key: shown once, from this answer, and never again.</param>
public sealed record ChannelChange(ChangeStatus Status, string? Problem = null, Guid? ChannelId = null, string? SigningKey = null)
{
    public static readonly ChannelChange NotFound = new(ChangeStatus.NotFound, "No such channel.");

    public static readonly ChannelChange Forbidden = new(ChangeStatus.Forbidden, "Only owners and admins change alert channels.");

    public bool Succeeded => Status == ChangeStatus.Done;
}
