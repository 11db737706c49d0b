namespace Backscatter.Domain.Tenancy;

/// <summary>Why a change to the team was not made.</summary>
public enum TeamRefusal
{
    /// <summary>No such member or invitation in the acting member's tenant.</summary>
    NotFound,

    /// <summary>Only owners manage the team.</summary>
    NotAnOwner,

    /// <summary>Nobody changes their own role.</summary>
    OwnRole,

    /// <summary>A tenant keeps at least one owner.</summary>
    LastOwner,

    UnknownRole,

    InvalidEmail,

    AlreadyMember,

    AlreadyInvited,

    /// <summary>Too many invitations in the last hour, or too many pending.</summary>
    TooManyInvitations,

    /// <summary>The invitation was accepted, revoked or has expired.</summary>
    NoLongerPending,
}
