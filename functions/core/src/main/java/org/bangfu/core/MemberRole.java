package org.bangfu.core;

/** What a person is in an organisation: its manager (the registrant, who manages its members) or a member acting for it. */
public enum MemberRole {
    MANAGER, MEMBER
}
