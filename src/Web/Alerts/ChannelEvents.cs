namespace Backscatter.Web.Alerts;

/// <summary>Which incident events a channel receives.</summary>
public sealed record ChannelEvents(bool OnOpened, bool OnEscalated, bool OnResolved)
{
    /// <summary>As the list and the audit log say it, e.g. "opened, resolved".</summary>
    public string Describe()
    {
        string[] names = [.. new[] { (OnOpened, "opened"), (OnEscalated, "escalated"), (OnResolved, "resolved") }.Where(e => e.Item1).Select(e => e.Item2)];
        return names.Length == 0 ? "no events" : string.Join(", ", names);
    }
}
