using Backscatter.Domain.Alerts;

namespace Backscatter.Web.Alerts;

/// <summary>One page of a channel's delivery log, newest first.</summary>
public sealed record DeliveryLogPage(IReadOnlyList<AlertDelivery> Deliveries, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
