using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlatLab.Tests.PublicApi;

/// <summary>
/// A stable text listing of an assembly's public surface: every exported type (kind, base type,
/// interfaces) and its public and protected members with their signatures, including the nullability of
/// reference types and the values of constants and enum members, sorted so that the text depends on
/// nothing but the API.
/// </summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Heading(type)).Append('\n');
            foreach (var line in Members(type).Order(StringComparer.Ordinal)) text.Append("  ").Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static string Heading(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct"
            : type.IsSubclassOf(typeof(Delegate)) ? "delegate"
            : type.IsAbstract && type.IsSealed ? "static class"
            : (type.IsSealed ? "sealed " : type.IsAbstract ? "abstract " : "") + (IsRecord(type) ? "record" : "class");
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum)) bases.Add(Name(b));
        if (type.IsEnum) bases.Add(Name(Enum.GetUnderlyingType(type)));
        if (!type.IsEnum)
            bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name)
                .Where(i => !i.StartsWith("IEquatable<", StringComparison.Ordinal) || !IsRecord(type)).Order(StringComparer.Ordinal));
        var name = (type.FullName ?? type.Name).Replace('+', '.');
        return $"public {kind} {name}{(type.IsGenericTypeDefinition ? GenericArguments(type) : "")}" +
               (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                yield return $"{field.Name} = {Convert.ToInt64(field.GetRawConstantValue())}";
            yield break;
        }
        var nullability = new NullabilityInfoContext();
        var record = IsRecord(type);
        foreach (var member in type.GetMembers(Declared))
        {
            if (!IsVisible(member) || member.IsDefined(typeof(CompilerGeneratedAttribute))) continue;
            if (record && IsRecordPlumbing(member)) continue;
            switch (member)
            {
                case ConstructorInfo c:
                    yield return $"{Access(c)}ctor({Parameters(c, nullability)})";
                    break;
                case MethodInfo m when !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Access(m)}method {Modifiers(m)}{Name(m.ReturnType, nullability.Create(m.ReturnParameter))} " +
                                 $"{m.Name}{(m.IsGenericMethodDefinition ? GenericArguments(m.GetGenericArguments()) : "")}({Parameters(m, nullability)})";
                    break;
                case PropertyInfo p:
                    var getter = p.GetMethod is { } g && IsVisible(g) ? "get; " : "";
                    var setter = p.SetMethod is { } s && IsVisible(s)
                        ? s.ReturnParameter.GetRequiredCustomModifiers().Any(x => x.Name == "IsExternalInit") ? "init; " : "set; "
                        : "";
                    var required = p.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.RequiredMemberAttribute") ? "required " : "";
                    var accessor = p.GetMethod ?? p.SetMethod!;
                    var index = p.GetIndexParameters();
                    var pname = index.Length > 0 ? $"this[{string.Join(", ", index.Select(i => Name(i.ParameterType, nullability.Create(i)) + " " + i.Name))}]" : p.Name;
                    yield return $"{Access(accessor)}property {required}{Modifiers(accessor)}{Name(p.PropertyType, nullability.Create(p))} {pname} {{ {getter}{setter}}}";
                    break;
                case FieldInfo f:
                    var value = f.IsLiteral ? $" = {Literal(f.GetRawConstantValue())}" : "";
                    var kind = f.IsLiteral ? "const " : (f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly " : "");
                    yield return $"{Access(f)}field {kind}{Name(f.FieldType, nullability.Create(f))} {f.Name}{value}";
                    break;
                case EventInfo e:
                    yield return $"event {Name(e.EventHandlerType!)} {e.Name}";
                    break;
                case Type nested when nested.IsNestedPublic:
                    break; // listed as a type of its own
            }
        }
    }

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null ||
        (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    /// <summary>What the compiler writes for every record (equality, printing, cloning) says nothing about this one.</summary>
    private static bool IsRecordPlumbing(MemberInfo member) => member.Name is "<Clone>$" or "EqualityContract" or "PrintMembers"
        or "ToString" or "GetHashCode" or "Equals" or "op_Equality" or "op_Inequality" or "Deconstruct" ||
        (member is ConstructorInfo c && c.GetParameters() is [{ } only] && only.ParameterType == c.DeclaringType);

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => (p.GetMethod is { } g && IsVisible(g)) || (p.SetMethod is { } s && IsVisible(s)),
        EventInfo e => e.AddMethod is { } a && IsVisible(a),
        Type t => t.IsNestedPublic,
        _ => false,
    };

    private static string Access(MemberInfo member) => member switch
    {
        MethodBase m when !m.IsPublic => "protected ",
        FieldInfo f when !f.IsPublic => "protected ",
        _ => "",
    };

    private static string Modifiers(MethodInfo m) =>
        (m.IsStatic ? "static " : "") + (m.IsAbstract && !m.DeclaringType!.IsInterface ? "abstract " : m.IsVirtual && !m.IsFinal && m.GetBaseDefinition() == m && !m.DeclaringType!.IsInterface ? "virtual " : "") +
        (m.IsVirtual && m.GetBaseDefinition() != m ? "override " : "");

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : "") +
            (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "") +
            Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType, nullability.Create(p)) + " " + p.Name +
            (p.HasDefaultValue ? " = " + Literal(p.RawDefaultValue) : p.IsOptional ? " = default" : "")));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Name(Type type, NullabilityInfo? nullability)
    {
        var name = Name(type);
        if (nullability is null) return name;
        if (!type.IsValueType && nullability.ReadState == NullabilityState.Nullable) name += "?";
        return name;
    }

    private static string Name(Type type)
    {
        if (type.IsByRef) return Name(type.GetElementType()!);
        if (type.IsArray) return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsPointer) return Name(type.GetElementType()!) + "*";
        if (Nullable.GetUnderlyingType(type) is { } inner) return Name(inner) + "?";
        if (type.IsGenericParameter) return type.Name;
        var keyword = Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool", TypeCode.Byte => "byte", TypeCode.Char => "char", TypeCode.Decimal => "decimal",
            TypeCode.Double => "double", TypeCode.Int16 => "short", TypeCode.Int32 => "int", TypeCode.Int64 => "long",
            TypeCode.SByte => "sbyte", TypeCode.Single => "float", TypeCode.String => "string", TypeCode.UInt16 => "ushort",
            TypeCode.UInt32 => "uint", TypeCode.UInt64 => "ulong", _ => null,
        };
        if (keyword is not null && !type.IsEnum) return keyword;
        if (type == typeof(object)) return "object";
        if (type == typeof(void)) return "void";
        var prefix = type.IsNested && !type.IsGenericParameter ? Name(type.DeclaringType!) + "." : "";
        var plain = type.Name.Split('`')[0];
        if (!type.IsGenericType) return prefix + plain;
        var arguments = type.GetGenericArguments();
        if (type.IsNested) arguments = arguments.Skip(type.DeclaringType!.GetGenericArguments().Length).ToArray();
        return prefix + plain + (arguments.Length > 0 ? GenericArguments(arguments) : "");
    }

    private static string GenericArguments(Type type) => GenericArguments(type.GetGenericArguments());

    private static string GenericArguments(Type[] arguments) => "<" + string.Join(", ", arguments.Select(Name)) + ">";
}
