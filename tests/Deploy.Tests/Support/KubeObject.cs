using System.Text.Json.Nodes;

namespace PacificEdge.Deploy.Tests.Support;

/// <summary>One rendered Kubernetes object, with the accessors the checks need.</summary>
public sealed class KubeObject(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string Kind => Text(Json["kind"]) ?? string.Empty;

    public string ApiVersion => Text(Json["apiVersion"]) ?? string.Empty;

    public string Name => Text(Json["metadata"]?["name"]) ?? string.Empty;

    public string Id => $"{Kind}/{Name}";

    public JsonObject? Spec => Json["spec"] as JsonObject;

    public IReadOnlyDictionary<string, string> Annotations => Map(Json["metadata"]?["annotations"]);

    /// <summary>The pod template: spec.template of a workload (Deployment, StatefulSet, Job ...), spec.jobTemplate.spec.template of a CronJob.</summary>
    public JsonNode? PodTemplate => Kind == "CronJob" ? Json["spec"]?["jobTemplate"]?["spec"]?["template"] : Json["spec"]?["template"];

    /// <summary>The pod template's spec.</summary>
    public JsonObject PodSpec => PodTemplate?["spec"] as JsonObject
        ?? throw new InvalidOperationException($"{Id} has no pod template");

    public IReadOnlyDictionary<string, string> PodLabels => Map(PodTemplate?["metadata"]?["labels"]);

    public IReadOnlyList<JsonObject> Containers => Objects(PodSpec["containers"]);

    public IReadOnlyList<JsonObject> InitContainers => Objects(PodSpec["initContainers"]);

    public IEnumerable<JsonObject> AllContainers => InitContainers.Concat(Containers);

    public override string ToString() => Id;

    /// <summary>The string form of a scalar node (numbers and booleans as written), null when absent.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    public static long? Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    public static IReadOnlyList<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>().ToList() : [];

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToList() : [];

    public static IReadOnlyDictionary<string, string> Map(JsonNode? node) =>
        node is JsonObject obj
            ? obj.ToDictionary(p => p.Key, p => Text(p.Value) ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Whether a Kubernetes label selector (matchLabels + matchExpressions) selects <paramref name="labels"/>.
    /// An empty selector selects everything, as in NetworkPolicy podSelector: {}.
    /// </summary>
    public static bool Selects(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject obj)
        {
            return false;
        }

        foreach (var (key, value) in Map(obj["matchLabels"]))
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in Objects(obj["matchExpressions"]))
        {
            var key = Text(expression["key"]) ?? string.Empty;
            var values = Strings(expression["values"]);
            var has = labels.TryGetValue(key, out var actual);
            var ok = Text(expression["operator"]) switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                var op => throw new NotSupportedException($"selector operator {op}"),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
