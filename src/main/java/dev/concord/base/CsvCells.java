package dev.concord.base;

import java.util.regex.Pattern;

/** Cells of CSV files Concord writes, made safe to open in a spreadsheet. */
public final class CsvCells {
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private CsvCells() {}

    /**
     * A cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) is made inert
     * with a leading apostrophe; plain numbers such as -12.5 stay numbers.
     */
    public static String inert(String cell) {
        if (cell == null || cell.isEmpty()) return cell;
        char first = cell.charAt(0);
        if ((first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') && !NUMBER.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }

    /** Each cell made inert, in a new array. */
    public static String[] inert(String... cells) {
        String[] out = new String[cells.length];
        for (int i = 0; i < cells.length; i++) out[i] = inert(cells[i]);
        return out;
    }
}
