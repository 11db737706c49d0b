namespace Backscatter.Web.Reflectors;

/// <summary>How the tenant's reflectors are sorted.</summary>
public enum ReflectorOrder
{
    /// <summary>Most recently seen first.</summary>
    LastSeen,

    /// <summary>Most backscatter to this tenant first.</summary>
    Count,
}
