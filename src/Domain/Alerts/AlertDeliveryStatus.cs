namespace Backscatter.Domain.Alerts;

public enum AlertDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}
