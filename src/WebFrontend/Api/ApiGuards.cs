using System.Text.RegularExpressions;
using PacificEdge.Grains.Interfaces.Common;

namespace PacificEdge.WebFrontend.Api;

/// <summary>Checks on route values before they become grain keys.</summary>
public static partial class ApiGuards
{
    public static string CartId(string cartId) => CartIdPattern().IsMatch(cartId)
        ? cartId
        : throw new NotFoundException("No such cart.");

    public static string OrderId(string orderId) => OrderIdPattern().IsMatch(orderId)
        ? orderId
        : throw new NotFoundException($"Order {orderId} does not exist.");

    public static bool IsOrderId(string orderId) => OrderIdPattern().IsMatch(orderId);

    public static string NewCartId() => "cart_" + Guid.NewGuid().ToString("N");

    public const int MaxPage = 100_000;

    public static (int Page, int PageSize) Paging(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        // The bound keeps OFFSET ((page - 1) * pageSize) far from overflow; nobody pages past ten million rows.
        return p is < 1 or > MaxPage || size is < 1 or > 100
            ? throw new ValidationException($"page must be between 1 and {MaxPage} and pageSize between 1 and 100.")
            : (p, size);
    }

    public static T? EnumOrNull<T>(string? value, string name)
        where T : struct, Enum
        => string.IsNullOrEmpty(value)
            ? null
            : Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ValidationException($"{name} must be one of: {string.Join(", ", Enum.GetNames<T>())}.");

    [GeneratedRegex("^cart_[0-9a-f]{32}$")]
    private static partial Regex CartIdPattern();

    [GeneratedRegex("^ord_[0-9a-f]{20}$")]
    private static partial Regex OrderIdPattern();
}
