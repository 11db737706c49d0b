namespace Backscatter.Web.Setup;

public enum SetupOutcome
{
    Changed,

    /// <summary>The entry was refused; the message says why.</summary>
    Invalid,

    /// <summary>The member may read the setup but not change it.</summary>
    Denied,

    /// <summary>No such domain or key in the member's tenant (another tenant's looks the same).</summary>
    NotFound,
}
