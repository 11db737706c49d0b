namespace Backscatter.Web.Alerts;

/// <summary>What can be changed of a channel without touching its secrets.</summary>
public sealed record ChannelSettings(string Name, ChannelEvents Events, bool IsEnabled);
