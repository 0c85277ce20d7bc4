import { mount } from 'svelte'
import '../lib/base.css'
import '../lib/lead.css'
import Lead from './Lead.svelte'

mount(Lead, { target: document.getElementById('app')! })
