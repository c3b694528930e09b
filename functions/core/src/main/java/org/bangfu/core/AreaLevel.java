package org.bangfu.core;

public enum AreaLevel {
    PROVINCE, CITY, COUNTY, TOWN, VILLAGE
}
