namespace Backscatter.Feed.Dns;

/// <summary>How <see cref="DnsResponder"/> answered one datagram: its response code, and whether the name asked about is listed.</summary>
public enum DnsAnswer
{
    /// <summary>No answer: shorter than a DNS header, or itself a response.</summary>
    None,

    /// <summary>NOERROR for a listed address (its A or TXT records, or none of the type asked for).</summary>
    Listed,

    /// <summary>NOERROR at the zone apex (SOA, NS).</summary>
    NoError,

    /// <summary>NXDOMAIN: not listed, or not an address.</summary>
    NxDomain,

    /// <summary>REFUSED: outside the zone, or not class IN.</summary>
    Refused,

    /// <summary>FORMERR: a malformed question.</summary>
    FormErr,

    /// <summary>NOTIMP: an opcode other than QUERY.</summary>
    NotImp,

    /// <summary>BADVERS: an EDNS version other than 0.</summary>
    BadVers,
}
