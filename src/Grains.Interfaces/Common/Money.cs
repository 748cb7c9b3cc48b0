using System.Globalization;
using System.Text.Json.Serialization;

namespace PacificEdge.Grains.Interfaces.Common;

/// <summary>An amount of money in one currency. Decimal only, never floating point.</summary>
[GenerateSerializer]
[Immutable]
[Alias("pe.common.money")]
public readonly record struct Money
{
    [JsonConstructor]
    public Money(decimal amount, string currency)
    {
        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new ValidationException($"Currency must be a three-letter ISO code in upper case; got '{currency}'.");
        }

        Amount = amount;
        Currency = currency;
    }

    [Id(0)]
    public decimal Amount { get; }

    [Id(1)]
    public string Currency { get; }

    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, SameCurrency(a, b));

    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, SameCurrency(a, b));

    public static Money operator *(Money a, int quantity) => new(a.Amount * quantity, a.Currency);

    public static bool operator <(Money a, Money b) => a.Amount < b.Amount && SameCurrency(a, b) is not null;

    public static bool operator >(Money a, Money b) => a.Amount > b.Amount && SameCurrency(a, b) is not null;

    public static bool operator <=(Money a, Money b) => a.Amount <= b.Amount && SameCurrency(a, b) is not null;

    public static bool operator >=(Money a, Money b) => a.Amount >= b.Amount && SameCurrency(a, b) is not null;

    /// <summary>Digits after the decimal point for the currency (ISO 4217), as payment gateways count minor units.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int MinorUnitDigits => Currency is "JPY" or "KRW" or "VND" or "CLP" or "ISK" ? 0 : 2;

    /// <summary>The amount in minor units (cents), as payment gateways send it.</summary>
    public long ToMinorUnits() => (long)decimal.Round(Amount * Pow10(MinorUnitDigits), 0, MidpointRounding.AwayFromZero);

    public static Money FromMinorUnits(long minor, string currency)
    {
        var money = new Money(0m, currency);
        return new Money(minor / Pow10(money.MinorUnitDigits), currency);
    }

    /// <summary>Rounds to the currency's minor unit (banker's rounding is not what shoppers expect; away from zero is).</summary>
    public Money Round() => new(decimal.Round(Amount, MinorUnitDigits, MidpointRounding.AwayFromZero), Currency);

    public override string ToString() => $"{Amount.ToString("0.00##", CultureInfo.InvariantCulture)} {Currency}";

    private static decimal Pow10(int digits) => digits == 0 ? 1m : 100m;

    private static string SameCurrency(Money a, Money b) => a.Currency == b.Currency
        ? a.Currency
        : throw new ValidationException($"Cannot combine {a.Currency} and {b.Currency} amounts.");
}
