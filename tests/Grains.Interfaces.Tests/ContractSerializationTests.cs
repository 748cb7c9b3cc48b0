using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Serialization;
using PacificEdge.Grains.Interfaces;
using PacificEdge.Grains.Interfaces.Common;
using PacificEdge.Grains.Interfaces.Payments;

namespace PacificEdge.Grains.Interfaces.Tests;

/// <summary>
/// Every type that crosses a grain boundary, found by reflection from the grain interfaces (parameters and
/// results, transitively through serialised members) plus every <see cref="CommerceException"/>, must carry
/// <c>[GenerateSerializer]</c>, a unique <c>[Alias]</c> and an <c>[Id]</c> on every serialised member, and must
/// survive Orleans' serializer and deep copier unchanged. Orleans' analyzers miss some of these mistakes (a
/// positional record without <c>[Id]</c>, a <c>void</c> grain method, a non-serialisable result type), so this
/// class is the net: a new contract type without attributes fails here.
/// </summary>
public sealed class ContractSerializationTests : IDisposable
{
    private static readonly Assembly ContractAssembly = typeof(ContractSerialization).Assembly;

    private static readonly Lazy<IReadOnlyList<Type>> GrainInterfacesLazy = new(FindGrainInterfaces);
    private static readonly Lazy<IReadOnlyList<Type>> ContractTypesLazy = new(FindContractTypes);

    /// <summary>Types from outside the contract assembly that may appear in contracts (Orleans has codecs for them).</summary>
    private static readonly HashSet<Type> AllowedScalarTypes =
    [
        typeof(string), typeof(bool), typeof(byte), typeof(short), typeof(int), typeof(long), typeof(uint), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset),
        typeof(TimeSpan), typeof(DateOnly), typeof(TimeOnly), typeof(Uri),
    ];

    /// <summary>Collection shapes that may appear in contracts; the element types are checked too.</summary>
    private static readonly HashSet<Type> AllowedGenericTypes =
    [
        typeof(Nullable<>), typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IReadOnlyDictionary<,>),
        typeof(List<>), typeof(Dictionary<,>), typeof(IList<>), typeof(IDictionary<,>), typeof(IEnumerable<>),
        typeof(System.Collections.Immutable.ImmutableArray<>), typeof(System.Collections.Immutable.ImmutableList<>),
        typeof(System.Collections.Immutable.ImmutableDictionary<,>),
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private readonly ServiceProvider _services;
    private readonly Serializer _serializer;
    private readonly DeepCopier _copier;

    public ContractSerializationTests()
    {
        var services = new ServiceCollection();
        services.AddSerializer(builder => builder.AddAssembly(ContractAssembly));
        services.Configure<ExceptionSerializationOptions>(
            options => options.SupportedNamespacePrefixes.Add(ContractSerialization.NamespacePrefix));
        _services = services.BuildServiceProvider();
        _serializer = _services.GetRequiredService<Serializer>();
        _copier = _services.GetRequiredService<DeepCopier>();
    }

    public static IReadOnlyList<Type> GrainInterfaces => GrainInterfacesLazy.Value;

    public static IReadOnlyList<Type> ContractTypes => ContractTypesLazy.Value;

    public static TheoryData<string> ContractTypeNames => [.. ContractTypes.Select(t => t.FullName!)];

    public static TheoryData<string> ConcreteContractTypeNames
        => [.. ContractTypes.Where(t => !t.IsAbstract && !t.IsEnum).Select(t => t.FullName!)];

    public static TheoryData<string> EnumTypeNames => [.. ContractTypes.Where(t => t.IsEnum).Select(t => t.FullName!)];

    public static TheoryData<string> GrainInterfaceNames => [.. GrainInterfaces.Select(t => t.FullName!)];

    public void Dispose() => _services.Dispose();

    // ---------------------------------------------------------------- discovery sanity

    [Fact]
    public void Discovery_finds_the_grain_interfaces_and_the_known_contracts()
    {
        Assert.Equal(11, GrainInterfaces.Count); // main added IWakeUpGrain, INewsletterGrain, IAccountMailGrain; shipping IShipmentPushGrain
        var names = ContractTypes.Select(t => t.Name).ToHashSet();

        // A few known members of the closure, from different depths: a parameter, a result, a nested record,
        // a struct, an enum two levels down, and exceptions (not in any signature).
        foreach (var expected in new[]
                 {
                     "CheckoutRequest", "OrderView", "TimelineEntry", "Money", "LedgerEntryKind", "ShipmentItem",
                     "Address", "CommerceException", "ValidationException", "PaymentFailedException", "OrderEffects", "OrderEffectStatus",
                 })
        {
            Assert.Contains(expected, names);
        }

        // Helpers that never cross a grain boundary are not contracts.
        Assert.DoesNotContain("PaymentWebhookParseResult", names);
        Assert.DoesNotContain("OrderStatusChanged", names);
    }

    // ---------------------------------------------------------------- grain interfaces

    [Theory]
    [MemberData(nameof(GrainInterfaceNames))]
    public void Grain_interface_has_an_alias_and_only_async_methods(string typeName)
    {
        var type = Resolve(typeName);
        var alias = type.GetCustomAttribute<AliasAttribute>(inherit: false);
        Assert.True(alias is not null, $"{type.Name} needs [Alias(\"...\")] (a stable grain interface name).");
        Assert.False(string.IsNullOrWhiteSpace(alias.Alias));

        foreach (var method in GrainMethods(type))
        {
            Assert.True(
                IsAsyncReturnType(method.ReturnType),
                $"{type.Name}.{method.Name} returns {method.ReturnType.Name}: grain methods must return Task, Task<T>, ValueTask or ValueTask<T>.");
            foreach (var parameter in method.GetParameters())
            {
                Assert.False(
                    parameter.IsOut || parameter.ParameterType.IsByRef,
                    $"{type.Name}.{method.Name}: ref/out parameters cannot cross a grain boundary.");
            }
        }
    }

    [Fact]
    public void Grain_interface_aliases_are_the_old_grain_type_names()
    {
        var aliases = GrainInterfaces.ToDictionary(t => t.Name, t => t.GetCustomAttribute<AliasAttribute>(inherit: false)?.Alias);
        Assert.Equal("catalog", aliases["ICatalogGrain"]);
        Assert.Equal("inventory", aliases["IInventoryGrain"]);
        Assert.Equal("cart", aliases["ICartGrain"]);
        Assert.Equal("order", aliases["IOrderGrain"]);
        Assert.Equal("wallet", aliases["ICustomerWalletGrain"]);
        Assert.Equal("shipment", aliases["IShipmentGrain"]);
        Assert.Equal("shipping-notification", aliases["IShippingNotificationGrain"]);
        Assert.Equal("shipment-push", aliases["IShipmentPushGrain"]);
    }

    [Fact]
    public void Every_type_in_a_grain_signature_is_a_contract_or_a_known_serialisable_type()
    {
        var problems = new List<string>();
        foreach (var grain in GrainInterfaces)
        {
            foreach (var method in GrainMethods(grain))
            {
                foreach (var type in SignatureTypes(method))
                {
                    CheckSignatureType(type, $"{grain.Name}.{method.Name}", problems);
                }
            }
        }

        foreach (var contract in ContractTypes.Where(t => !t.IsEnum))
        {
            foreach (var field in SerialisedFields(contract))
            {
                CheckSignatureType(field.FieldType, $"{contract.Name}.{MemberName(field)}", problems);
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // ---------------------------------------------------------------- attributes

    [Theory]
    [MemberData(nameof(ContractTypeNames))]
    public void Contract_type_has_GenerateSerializer_and_an_alias(string typeName)
    {
        var type = Resolve(typeName);
        Assert.True(
            type.IsDefined(typeof(GenerateSerializerAttribute), inherit: false),
            $"{type.Name} crosses a grain boundary and needs [GenerateSerializer].");
        var alias = type.GetCustomAttribute<AliasAttribute>(inherit: false);
        Assert.True(alias is not null, $"{type.Name} needs [Alias(\"{ContractSerialization.TypeAliasPrefix}...\")] (its wire name).");
        Assert.StartsWith(ContractSerialization.TypeAliasPrefix, alias.Alias, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_are_unique_across_the_assembly()
    {
        var duplicates = ContractAssembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<AliasAttribute>(inherit: false).Select(a => (t, a.Alias)))
            .GroupBy(x => x.Alias, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.t.Name))}")
            .ToList();
        Assert.True(duplicates.Count == 0, "Duplicate aliases: " + string.Join("; ", duplicates));
    }

    [Theory]
    [MemberData(nameof(ContractTypeNames))]
    public void Every_serialised_member_has_a_unique_Id(string typeName)
    {
        var type = Resolve(typeName);
        if (type.IsEnum)
        {
            return;
        }

        // Each level of a hierarchy has its own id space in Orleans.
        for (var level = type; level is not null && level.Assembly == ContractAssembly; level = level.BaseType)
        {
            var ids = new Dictionary<uint, string>();
            foreach (var field in level.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (IsNonSerialized(field))
                {
                    continue;
                }

                var id = IdOf(level, field);
                Assert.True(
                    id is not null,
                    $"{level.Name}.{MemberName(field)} holds state but has no [Id(n)] (on the property, field or positional parameter); Orleans would drop or mis-number it.");
                Assert.True(ids.TryAdd(id.Value, MemberName(field)), $"{level.Name}: [Id({id})] is used by {ids.GetValueOrDefault(id.Value)} and {MemberName(field)}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ContractTypeNames))]
    public void Immutable_is_only_claimed_for_truly_immutable_types(string typeName)
    {
        var type = Resolve(typeName);
        if (!type.IsDefined(typeof(ImmutableAttribute), inherit: false))
        {
            return;
        }

        foreach (var field in SerialisedFields(type))
        {
            Assert.True(
                IsImmutableValue(field.FieldType),
                $"{type.Name} is [Immutable] but {MemberName(field)} is a {field.FieldType.Name}, which a caller could mutate after the call (Orleans would not copy it).");
        }
    }

    // ---------------------------------------------------------------- round trips

    [Theory]
    [MemberData(nameof(ConcreteContractTypeNames))]
    public void Contract_round_trips_through_serializer_and_copier(string typeName)
    {
        var type = Resolve(typeName);
        if (typeof(Exception).IsAssignableFrom(type))
        {
            AssertExceptionRoundTrips(type);
            return;
        }

        foreach (var nulls in new[] { false, true })
        {
            var original = new SampleBuilder(nullsAndEmpties: nulls).Build(type);
            Assert.NotNull(original);

            // As its own type, as object (the type travels by alias), and through the deep copier.
            AssertSameValue(original, RoundTripTyped(original));
            AssertSameValue(original, _serializer.Deserialize<object>(_serializer.SerializeToArray<object>(original)));
            AssertSameValue(original, _copier.Copy<object>(original));
        }
    }

    [Theory]
    [MemberData(nameof(EnumTypeNames))]
    public void Enum_round_trips_every_value(string typeName)
    {
        var type = Resolve(typeName);
        foreach (var value in Enum.GetValues(type))
        {
            Assert.Equal(value, _serializer.Deserialize<object>(_serializer.SerializeToArray<object>(value)));
            Assert.Equal(value, RoundTripTyped(value));
        }
    }

    [Fact]
    public void Every_concrete_commerce_exception_is_a_contract()
    {
        var exceptions = ContractAssembly.GetTypes()
            .Where(t => typeof(CommerceException).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.Equal(10, exceptions.Count); // InvalidUnsubscribeLinkException is the tenth
        Assert.All(exceptions, e => Assert.Contains(e, ContractTypes));
    }

    [Fact]
    public void Commerce_exception_keeps_its_type_inside_a_base_typed_field()
    {
        Exception original = Thrown(new OutOfStockException("Only 2 units of SKU-1 are available."));
        var copy = _serializer.Deserialize<Exception>(_serializer.SerializeToArray(original));
        var typed = Assert.IsType<OutOfStockException>(copy);
        Assert.Equal(original.Message, typed.Message);
        Assert.Equal("out_of_stock", typed.Code);
        Assert.Contains(nameof(Thrown), typed.StackTrace ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_exceptions_without_a_generated_codec_are_recreated_by_type_thanks_to_the_namespace_prefix()
    {
        // PaymentWebhookFormatException never crosses a grain boundary and has no generated codec; if one of its
        // kind ever does, the namespace prefix in ExceptionSerializationOptions keeps its type and message.
        Exception original = Thrown(new PaymentWebhookFormatException("Field 'id' is required."));
        var copy = _serializer.Deserialize<Exception>(_serializer.SerializeToArray(original));
        Assert.IsType<PaymentWebhookFormatException>(copy);
        Assert.Equal(original.Message, copy.Message);
    }

    // ---------------------------------------------------------------- helpers: assertions

    private void AssertExceptionRoundTrips(Type type)
    {
        var message = $"Sample message for {type.Name}.";
        var original = Thrown((Exception)Activator.CreateInstance(type, message)!);
        original.Data["sample"] = "kept";

        foreach (var copy in new[]
                 {
                     (Exception)RoundTripTyped(original)!,
                     _serializer.Deserialize<Exception>(_serializer.SerializeToArray<Exception>(original))!,
                     (Exception)_serializer.Deserialize<object>(_serializer.SerializeToArray<object>(original))!,
                     _copier.Copy<Exception>(original)!,
                 })
        {
            Assert.IsType(type, copy);
            Assert.Equal(message, copy.Message);
            Assert.Equal("kept", copy.Data["sample"]);

            // Every property our own types add (Code today, whatever comes later).
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
                         .Where(p => p.DeclaringType!.Assembly == ContractAssembly && p.GetIndexParameters().Length == 0))
            {
                Assert.Equal(property.GetValue(original), property.GetValue(copy));
            }
        }
    }

    private static void AssertSameValue(object original, object? copy)
    {
        Assert.NotNull(copy);
        Assert.IsType(original.GetType(), copy);
        Assert.Equal(
            JsonSerializer.Serialize(original, original.GetType(), JsonOptions),
            JsonSerializer.Serialize(copy, copy.GetType(), JsonOptions));

        // Value equality where it means something (records without collections compare member by member).
        if (!HasCollectionMember(original.GetType(), []))
        {
            Assert.Equal(original, copy);
        }
    }

    private object? RoundTripTyped(object value)
    {
        var method = typeof(ContractSerializationTests)
            .GetMethod(nameof(RoundTripTypedCore), BindingFlags.Instance | BindingFlags.NonPublic)!
            .MakeGenericMethod(value.GetType());
        try
        {
            return method.Invoke(this, [value]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    private T RoundTripTypedCore<T>(T value)
    {
        var copy = _serializer.Deserialize<T>(_serializer.SerializeToArray(value));
        var copied = _copier.Copy(value);
        if (value is not Exception)
        {
            AssertSameValue(value!, copied);
        }

        return copy!;
    }

    private static TException Thrown<TException>(TException exception)
        where TException : Exception
    {
        try
        {
            throw exception;
        }
        catch (TException caught)
        {
            return caught;
        }
    }

    // ---------------------------------------------------------------- helpers: discovery

    private static IReadOnlyList<Type> FindGrainInterfaces()
        => [.. ContractAssembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    private static IEnumerable<MethodInfo> GrainMethods(Type grainInterface)
        => grainInterface.GetMethods(BindingFlags.Instance | BindingFlags.Public); // properties show up as get_/set_ and fail the Task check

    private static IEnumerable<Type> SignatureTypes(MethodInfo method)
    {
        yield return method.ReturnType;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType != typeof(CancellationToken))
            {
                yield return parameter.ParameterType;
            }
        }
    }

    private static IReadOnlyList<Type> FindContractTypes()
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>();
        foreach (var grain in FindGrainInterfaces())
        {
            foreach (var method in GrainMethods(grain))
            {
                foreach (var type in SignatureTypes(method))
                {
                    pending.Push(type);
                }
            }
        }

        foreach (var exception in ContractAssembly.GetTypes().Where(t => typeof(CommerceException).IsAssignableFrom(t)))
        {
            pending.Push(exception);
        }

        while (pending.TryPop(out var type))
        {
            if (type.IsByRef || type.IsPointer)
            {
                type = type.GetElementType()!;
            }

            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }

                if (type.Assembly != ContractAssembly)
                {
                    continue;
                }
            }

            if (type.Assembly != ContractAssembly || type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) || !found.Add(type))
            {
                continue;
            }

            // Abstract or interface contracts: every implementation in the assembly can travel in their place.
            if (type.IsAbstract || type.IsInterface)
            {
                foreach (var implementation in ContractAssembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)))
                {
                    pending.Push(implementation);
                }
            }

            for (var baseType = type.BaseType; baseType is not null && baseType.Assembly == ContractAssembly; baseType = baseType.BaseType)
            {
                pending.Push(baseType);
            }

            if (!type.IsEnum)
            {
                foreach (var field in SerialisedFields(type))
                {
                    pending.Push(field.FieldType);
                }
            }
        }

        return [.. found.OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    /// <summary>The fields that hold an instance's state (auto-property backing fields included), at every level declared in our assembly.</summary>
    private static IEnumerable<FieldInfo> SerialisedFields(Type type)
    {
        for (var level = type; level is not null && level.Assembly == ContractAssembly; level = level.BaseType)
        {
            foreach (var field in level.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!IsNonSerialized(field))
                {
                    yield return field;
                }
            }
        }
    }

    private static bool IsNonSerialized(FieldInfo field) => field.IsDefined(typeof(NonSerializedAttribute), inherit: false);

    private static readonly Regex BackingField = new("^<(?<name>.+)>k__BackingField$", RegexOptions.Compiled);

    private static string MemberName(FieldInfo field)
        => BackingField.Match(field.Name) is { Success: true } match ? match.Groups["name"].Value : field.Name;

    /// <summary>The [Id] of a field: on the field, on the property it backs, or on the positional parameter of that name.</summary>
    private static uint? IdOf(Type declaringType, FieldInfo field)
    {
        if (field.GetCustomAttribute<IdAttribute>() is { } onField)
        {
            return onField.Id;
        }

        var name = MemberName(field);
        if (name == field.Name)
        {
            return null;
        }

        var property = declaringType.GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        if (property?.GetCustomAttribute<IdAttribute>() is { } onProperty)
        {
            return onProperty.Id;
        }

        var onParameter = declaringType.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(c => c.GetParameters())
            .Where(p => p.Name == name)
            .Select(p => p.GetCustomAttribute<IdAttribute>())
            .FirstOrDefault(a => a is not null);
        return onParameter?.Id;
    }

    private static void CheckSignatureType(Type type, string where, List<string> problems)
    {
        if (type == typeof(void) || type == typeof(Task) || type == typeof(ValueTask))
        {
            return;
        }

        if (type.IsArray)
        {
            CheckSignatureType(type.GetElementType()!, where, problems);
            return;
        }

        if (type.IsGenericType && type.Assembly != ContractAssembly)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition != typeof(Task<>) && definition != typeof(ValueTask<>) && !AllowedGenericTypes.Contains(definition))
            {
                problems.Add($"{where}: {type} is not a collection shape Orleans is known to serialise here.");
            }

            foreach (var argument in type.GetGenericArguments())
            {
                CheckSignatureType(argument, where, problems);
            }

            return;
        }

        if (type.Assembly == ContractAssembly || type.IsPrimitive || AllowedScalarTypes.Contains(type))
        {
            return;
        }

        if (type == typeof(object) || type == typeof(Exception))
        {
            problems.Add($"{where}: {type} is too open to be a contract; use a contract type of ours.");
            return;
        }

        problems.Add($"{where}: {type} comes from {type.Assembly.GetName().Name}; check that Orleans can serialise it and add it to the allowed list.");
    }

    private static bool IsAsyncReturnType(Type type)
        => type == typeof(Task) || type == typeof(ValueTask)
            || type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>));

    private static bool IsImmutableValue(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutableValue(underlying);
        }

        return type.IsPrimitive || type.IsEnum || AllowedScalarTypes.Contains(type) || type.IsDefined(typeof(ImmutableAttribute), inherit: false);
    }

    private static bool HasCollectionMember(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type) || type.IsEnum || type.Assembly != ContractAssembly)
        {
            return false;
        }

        foreach (var field in SerialisedFields(type))
        {
            var fieldType = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
            if (fieldType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(fieldType))
            {
                return true;
            }

            if (HasCollectionMember(fieldType, seen))
            {
                return true;
            }
        }

        return false;
    }

    private static Type Resolve(string typeName)
        => ContractAssembly.GetType(typeName, throwOnError: true)!;

    /// <summary>
    /// Builds an instance of any contract type from sample values: through its widest public constructor, with
    /// distinct non-default values (or, with <c>nullsAndEmpties</c>, null for every nullable member and empty
    /// collections). A contract type it cannot build makes the round-trip test fail: give it a case here.
    /// </summary>
    private sealed class SampleBuilder(bool nullsAndEmpties)
    {
        private static readonly NullabilityInfoContext Nullability = new();
        private int _counter;

        public object Build(Type type) => Value(type, nullable: false, depth: 0)!;

        private object? Value(Type type, bool nullable, int depth)
        {
            Assert.True(depth < 10, $"Sample builder recursed too deep at {type}.");
            var n = ++_counter;
            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return nullsAndEmpties ? null : Value(underlying, nullable: false, depth + 1);
            }

            if (nullable && nullsAndEmpties && !type.IsValueType)
            {
                return null;
            }

            if (type == typeof(string))
            {
                return $"sample-{n}";
            }

            if (type == typeof(int))
            {
                return n;
            }

            if (type == typeof(long))
            {
                return 1_000_000_000_000L + n;
            }

            if (type == typeof(decimal))
            {
                return 10.25m + n;
            }

            if (type == typeof(bool))
            {
                return n % 2 == 0;
            }

            if (type == typeof(DateTimeOffset))
            {
                return new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.FromHours(2)).AddMinutes(n);
            }

            if (type == typeof(DateTime))
            {
                return new DateTime(2026, 12, 1, 14, 30, 0, DateTimeKind.Utc).AddMinutes(n);
            }

            if (type == typeof(TimeSpan))
            {
                return TimeSpan.FromSeconds(n);
            }

            if (type == typeof(Guid))
            {
                return Guid.NewGuid();
            }

            if (type == typeof(Money))
            {
                return new Money(19.99m + n, nullsAndEmpties ? "JPY" : "EUR"); // one currency per sample: views add amounts up
            }

            if (type.IsEnum)
            {
                // The last value: non-zero, so a lost field would show.
                var values = Enum.GetValues(type);
                return values.GetValue(values.Length - 1);
            }

            if (type.IsGenericType)
            {
                var definition = type.GetGenericTypeDefinition();
                var arguments = type.GetGenericArguments();
                if (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(List<>)
                    || definition == typeof(IList<>) || definition == typeof(IEnumerable<>))
                {
                    var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(arguments[0]))!;
                    for (var i = 0; i < (nullsAndEmpties ? 0 : 2); i++)
                    {
                        list.Add(Value(arguments[0], nullable: false, depth + 1));
                    }

                    return list;
                }

                if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
                {
                    var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
                    for (var i = 0; i < (nullsAndEmpties ? 0 : 2); i++)
                    {
                        dictionary.Add(Value(arguments[0], nullable: false, depth + 1)!, Value(arguments[1], nullable: false, depth + 1));
                    }

                    return dictionary;
                }
            }

            if (type.Assembly == ContractAssembly && !type.IsAbstract && !type.IsInterface)
            {
                var constructor = type.GetConstructors()
                    .Where(c => !c.GetParameters().Any(p => p.ParameterType == type)) // not the record copy constructor
                    .OrderByDescending(c => c.GetParameters().Length)
                    .FirstOrDefault();
                Assert.True(constructor is not null, $"Sample builder: {type.Name} has no public constructor; add a case for it.");
                var arguments = constructor.GetParameters()
                    .Select(p => Value(p.ParameterType, Nullability.Create(p).WriteState == NullabilityState.Nullable, depth + 1))
                    .ToArray();
                return constructor.Invoke(arguments);
            }

            Assert.Fail($"Sample builder: no sample for {type}; add a case for it.");
            return null;
        }
    }
}
