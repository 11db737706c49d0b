namespace Backscatter.Feed.Zones;

/// <summary>The rbldnsd dataset types the feed exports for mirrors.</summary>
public enum RbldnsdDataset
{
    /// <summary>IPv4 addresses.</summary>
    Ip4Set,

    /// <summary>IPv6 addresses.</summary>
    Ip6Trie,
}
