import { mount } from 'svelte'
import '../common/base.css'
import './lead.css'
import Lead from './Lead.svelte'

mount(Lead, { target: document.getElementById('app')! })
