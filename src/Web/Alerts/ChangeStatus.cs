namespace Backscatter.Web.Alerts;

/// <summary>How a change a member asked for ended. Another tenant's thing and no thing at all are both <see cref="NotFound"/>.</summary>
public enum ChangeStatus
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
}
