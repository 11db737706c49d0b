namespace Backscatter.Web.Setup;

public enum TxtLookupOutcome
{
    /// <summary>The name has TXT records; their values are in the result.</summary>
    Found,

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NoSuchName,

    /// <summary>The name exists but has no TXT record.</summary>
    NoRecord,

    /// <summary>No answer: an error code from the name server, or no reply in time.</summary>
    Failed,
}
