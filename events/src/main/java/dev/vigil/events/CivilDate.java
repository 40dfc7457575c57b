package dev.vigil.events;

/**
 * The proleptic Gregorian date of a day count since 1970-01-01 and back, by arithmetic, for hot
 * paths that cannot afford a {@code LocalDate} per value (the report JSON writer, the simulator's
 * HJ 212 time stamps, the HJ 212 parser's DataTime). The methods are Howard Hinnant's {@code
 * civil_from_days} and {@code days_from_civil}: years start on 1 March, so the leap day is the last
 * day of its year.
 */
public final class CivilDate {

    private CivilDate() {}

    /**
     * The date of {@code epochDay} as one number, {@code year * 10_000 + month * 100 + day}: for
     * 2016-08-24, 20160824. Years 0 to 9999 give exactly the date {@code
     * LocalDate.ofEpochDay(epochDay)} gives.
     */
    public static int yyyymmdd(long epochDay) {
        long shifted = epochDay + 719_468; // days since 0000-03-01
        long era = Math.floorDiv(shifted, 146_097);
        long dayOfEra = shifted - era * 146_097;
        long yearOfEra =
                (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long marchMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * marchMonth + 2) / 5 + 1);
        int month = (int) (marchMonth < 10 ? marchMonth + 3 : marchMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        return year * 10_000 + month * 100 + day;
    }

    /**
     * The day count since 1970-01-01 of a valid date ({@code month} 1 to 12, {@code day} within the
     * month); years 0 to 9999 give exactly {@code LocalDate.of(year, month, day).toEpochDay()}.
     */
    public static long epochDay(int year, int month, int day) {
        long marchYear = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(marchYear, 400);
        long yearOfEra = marchYear - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The number of days of a month (1 to 12) in a proleptic Gregorian year. */
    public static int monthLength(int year, int month) {
        if (month == 2) {
            boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }
}
