import { createContext } from 'svelte'
import type { Messages } from '../common/i18n.svelte.ts'
import type { LeadApi } from './api.ts'
import type { LeadMessageKey } from './messages.svelte.ts'
import type { LeadRouter } from './lead-router.svelte.ts'
import type { LeadSession } from './lead-session.svelte.ts'
import type { LeadCodes } from './survey/lead-codes.svelte.ts'

// What every page of the leaders' app may need, set once by Lead.svelte for the pages below it
// instead of being passed through each page as props.

/** The address: the page shown, its query, navigation. */
export const [getRouter, setRouter] = createContext<LeadRouter>()
/** The signed-in leader, signing in and out, changing the password. */
export const [getSession, setSession] = createContext<LeadSession>()
/** The API as the signed-in leader (every call carries the session's CSRF token). */
export const [getApi, setApi] = createContext<LeadApi>()
/** Access codes just made, kept in this page's memory only, to print. */
export const [getCodes, setCodes] = createContext<LeadCodes>()
/** The leader's language: the interface's words, numbers and dates (Intl). */
export const [getMessages, setMessages] = createContext<Messages<LeadMessageKey>>()
