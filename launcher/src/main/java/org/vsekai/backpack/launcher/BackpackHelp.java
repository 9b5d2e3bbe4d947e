package org.vsekai.backpack.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's usage help, laid out as {@code ./backpack} has always shown it: {@code --name VALUE} (the parser takes
 * {@code --name=VALUE} too), a synopsis in the order the arguments are declared (positional parameters first, a group
 * of options where its first option is), {@code -h, --help} only in the option list (every command has it), options
 * listed in declaration order, and the top-level command list as each command's synopsis over its description.
 */
final class BackpackHelp extends Help {

    /** Where a command's description starts in the command list. */
    private static final int DESCRIPTION_INDENT = 6;

    private final IParamLabelRenderer labels;

    BackpackHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
        IParamLabelRenderer picocli = super.parameterLabelRenderer();
        labels = new IParamLabelRenderer() {
            @Override
            public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
                Ansi.Text label = picocli.renderParameterLabel(arg, ansi, styles);
                String equals = picocli.separator();
                return arg.isOption() && label.plainString().startsWith(equals)
                        ? ansi.new Text(separator(), colorScheme).concat(label.substring(equals.length()))
                        : label;
            }

            @Override
            public String separator() {
                return " ";
            }
        };
    }

    @Override
    public IParamLabelRenderer parameterLabelRenderer() {
        return labels;
    }

    /** Options in the order they are declared, which is the order that reads best. */
    @Override
    public Comparator<OptionSpec> createDefaultOptionSort() {
        return null;
    }

    @Override
    public String detailedSynopsis(int synopsisHeadingLength, Comparator<OptionSpec> optionSort,
            boolean clusterBooleanOptions) {
        // A command's own subcommands (bench ingest, bench vision) are listed under its description, not as [COMMAND] here, so
        // that the synopsis reads the same in the command list and in the command's help.
        Ansi.Text text = commandSpec().parent() == null ? arguments().concat(createDetailedSynopsisCommandText())
                : arguments();
        return insertSynopsisCommandName(synopsisHeadingLength, text);
    }

    /** What follows the command's name in its synopsis, starting with a space: {@code <user> [--admin] [--ttl 12h]}. */
    Ansi.Text arguments() {
        Set<ArgSpec> done = new HashSet<>();
        for (OptionSpec option : commandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                done.add(option);
            }
        }
        Ansi.Text text = createDetailedSynopsisPositionalsText(done);
        for (OptionSpec option : commandSpec().options()) {
            if (done.contains(option)) {
                continue;
            }
            ArgGroupSpec group = outermost(option.group());
            text = text.concat(group != null ? ansi().new Text(" ", colorScheme()).concat(groupText(group, done))
                    : optionText(option, done));
            done.add(option);
        }
        return text;
    }

    /**
     * {@code [--base-port N]}; a comma-separated list without picocli's {@code ...}: it is written once,
     * {@code --algorithms a,b}, although picocli would add up repeated ones.
     */
    private Ansi.Text optionText(OptionSpec option, Set<ArgSpec> done) {
        Ansi.Text text = createDetailedSynopsisOptionsText(done, List.of(option), null, false);
        String plain = text.plainString();
        return !option.splitRegex().isEmpty() && plain.endsWith("...")
                ? text.substring(0, plain.length() - "...".length())
                : text;
    }

    /** {@code [--train PATH --test PATH]}: a group of options, with the same labels as the options outside groups. */
    private Ansi.Text groupText(ArgGroupSpec group, Set<ArgSpec> done) {
        List<Ansi.Text> members = new ArrayList<>();
        for (ArgSpec arg : group.args()) {
            if (arg instanceof OptionSpec option) {
                members.add(optionText(option, done).substring(1));
            }
            done.add(arg);
        }
        for (ArgGroupSpec subgroup : group.subgroups()) {
            members.add(groupText(subgroup, done));
        }
        Ansi.Text text = ansi().new Text(group.multiplicity().min() > 0 ? "(" : "[", colorScheme());
        for (int i = 0; i < members.size(); i++) {
            text = text.concat(i == 0 ? "" : group.exclusive() ? " | " : " ").concat(members.get(i));
        }
        return text.concat(group.multiplicity().min() > 0 ? ")" : "]");
    }

    private static ArgGroupSpec outermost(ArgGroupSpec group) {
        ArgGroupSpec outer = group;
        while (outer != null && outer.parentGroup() != null) {
            outer = outer.parentGroup();
        }
        return outer;
    }

    /**
     * Each command as {@code  name <its arguments>}, wrapped under its name, and its description below it, then its
     * own subcommands the same way ({@code  bench vision <its arguments>}), so that the top-level help shows every
     * command's options at once.
     */
    @Override
    public String commandList(Map<String, Help> subcommands) {
        StringBuilder list = new StringBuilder();
        listCommands(list, "", subcommands);
        return list.toString();
    }

    private void listCommands(StringBuilder list, String parents, Map<String, Help> subcommands) {
        for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
            Help command = entry.getValue();
            String name = parents + entry.getKey();
            Ansi.Text synopsis = ansi().new Text("  ", colorScheme()).concat(colorScheme().commandText(name));
            if (command instanceof BackpackHelp own) {
                synopsis = synopsis.concat(own.arguments());
            }
            list.append(wrapped(synopsis, 2 + name.length() + 1));
            list.append(wrapped(ansi().new Text(" ".repeat(DESCRIPTION_INDENT), colorScheme())
                    .concat(colorScheme().text(String.format(summary(command.commandSpec().usageMessage())))),
                    DESCRIPTION_INDENT));
            listCommands(list, name + " ", command.subcommands());
        }
    }

    private static String summary(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        return lines.length > 0 ? lines[0] : "";
    }

    private String wrapped(Ansi.Text text, int indentWrappedLines) {
        UsageMessageSpec usage = commandSpec().usageMessage();
        TextTable table = TextTable.forColumnWidths(colorScheme(), usage.width());
        table.setAdjustLineBreaksForWideCJKCharacters(usage.adjustLineBreaksForWideCJKCharacters());
        table.indentWrappedLines = indentWrappedLines;
        table.addRowValues(text);
        return table.toString();
    }
}
